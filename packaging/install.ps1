# Offline installer of Hanlin (翰林) from this wheelhouse, for Windows 10/11 x64.
# Needs no network: every wheel is in this folder. See docs/install.md.
# Untested on Windows so far (written and reviewed on Linux). Saved as UTF-8 with a BOM:
# Windows PowerShell 5.1 reads a script without one in the ANSI code page (GBK on Chinese Windows).
#
#   install.bat                              install for this user (%LOCALAPPDATA%\Programs\Hanlin)
#   install.bat -Prefix D:\Apps\Hanlin       install elsewhere (a venv in <Prefix>\venv)
#   install.bat -Python C:\Python311\python.exe
#   install.bat -NoShortcuts                 no Start menu entry
#   install.bat -Uninstall [-Prefix DIR]
param(
    [string]$Prefix = (Join-Path $env:LOCALAPPDATA "Programs\Hanlin"),
    [string]$Python = "",
    [switch]$NoShortcuts,
    [switch]$Uninstall
)
$ErrorActionPreference = "Stop"
$Here = $PSScriptRoot
$StartMenu = Join-Path ([Environment]::GetFolderPath("Programs")) "Hanlin 翰林.lnk"

function Info([string]$Key) {
    foreach ($line in Get-Content -Encoding UTF8 (Join-Path $Here "BUILDINFO")) {
        if ($line.StartsWith("$Key=")) { return $line.Substring($Key.Length + 1) }
    }
    return ""
}

if ($Uninstall) {
    if (-not (Test-Path (Join-Path $Prefix "venv"))) { throw "no Hanlin installation in $Prefix" }
    if (Test-Path $StartMenu) { Remove-Item $StartMenu }
    Remove-Item -Recurse -Force $Prefix
    Write-Host "Hanlin removed from $Prefix."
    Write-Host "Your libraries, notes and settings are kept: $env:LOCALAPPDATA\Hanlin, and the registry key HKCU\Software\Hanlin."
    exit 0
}

if (-not (Test-Path (Join-Path $Here "BUILDINFO"))) { throw "BUILDINFO missing: run this script from the unpacked wheelhouse" }
$WantPy = Info "python"
if ((Info "platform") -notlike "win*") { throw "this wheelhouse is for $(Info 'platform'), not Windows" }

# The Python: -Python, else the py launcher's $WantPy, else python.exe on PATH.
if (-not $Python) {
    $py = Get-Command py.exe -ErrorAction SilentlyContinue
    if ($py) { $Python = (& py.exe "-$WantPy" -c "import sys; print(sys.executable)" 2>$null) }
}
if (-not $Python) {
    $cmd = Get-Command python.exe -ErrorAction SilentlyContinue
    if ($cmd) { $Python = $cmd.Source }
}
if (-not $Python) { throw "Python $WantPy not found: install it first (python-$WantPy.x-amd64.exe, offline installer), or pass -Python" }
$HavePy = (& $Python -c "import sys; print('%d.%d' % sys.version_info[:2])").Trim()
if ($HavePy -ne $WantPy) { throw "$Python is Python $HavePy; these wheels are for Python $WantPy (pass -Python)" }

# Damaged copies (USB sticks) are caught before anything is installed.
foreach ($line in Get-Content (Join-Path $Here "SHA256SUMS")) {
    $hash, $name = $line -split "\s+\*?", 2
    $actual = (Get-FileHash -Algorithm SHA256 (Join-Path $Here $name)).Hash.ToLower()
    if ($actual -ne $hash) { throw "$name does not match SHA256SUMS: the copy is damaged" }
}

Write-Host "Installing Hanlin $(Info 'version') into $Prefix with $Python ($HavePy)"
$Venv = Join-Path $Prefix "venv"
if (Test-Path $Venv) { Remove-Item -Recurse -Force $Venv }
New-Item -ItemType Directory -Force $Prefix | Out-Null
& $Python -m venv $Venv
if ($LASTEXITCODE -ne 0) { throw "python -m venv failed" }
$VenvPy = Join-Path $Venv "Scripts\python.exe"

# Only this folder: no index, no pip.ini, no PIP_* settings of the machine.
foreach ($name in "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_CONSTRAINT") {
    Remove-Item "Env:$name" -ErrorAction SilentlyContinue
}
$env:PIP_CONFIG_FILE = "NUL"
& $VenvPy -m pip install --quiet --disable-pip-version-check --no-index --find-links $Here "hanlin[gui]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

& (Join-Path $Venv "Scripts\hanlin.exe") --help | Out-Null
if ($LASTEXITCODE -ne 0) { throw "the installed hanlin command does not run" }
& $VenvPy -c "import indexer.search.analysis as a; assert a.USER_DICT.is_file(), a.USER_DICT; from PySide6 import QtWidgets, QtPdf"
if ($LASTEXITCODE -ne 0) { throw "the installation is incomplete (dictionary or Qt missing)" }

if (-not $NoShortcuts) {
    $shell = New-Object -ComObject WScript.Shell
    $link = $shell.CreateShortcut($StartMenu)
    $link.TargetPath = Join-Path $Venv "Scripts\hanlin-desktop.exe"
    $link.WorkingDirectory = $env:USERPROFILE
    # The app icon is package data of hanlin_resources (the source tree's resources/).
    $icon = & (Join-Path $Venv "Scripts\python.exe") -c "import hanlin_resources as r; print(r.ICON_ICO)"
    if ($LASTEXITCODE -eq 0 -and $icon -and (Test-Path $icon)) { $link.IconLocation = "$icon,0" }
    $link.Save()
}

Write-Host "Hanlin $(Info 'version') installed in $Prefix."
Write-Host "GUI: $Venv\Scripts\hanlin-desktop.exe (Start menu: Hanlin 翰林); CLI: $Venv\Scripts\hanlin.exe"
Write-Host "Uninstall: powershell -ExecutionPolicy Bypass -File `"$Here\install.ps1`" -Uninstall -Prefix `"$Prefix`""

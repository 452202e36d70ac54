@echo off
rem Offline installer of Hanlin for Windows: runs install.ps1 beside it (see docs\install.md).
rem   install.bat [-Prefix DIR] [-Python PATH] [-NoShortcuts] [-Uninstall]
powershell.exe -NoProfile -ExecutionPolicy Bypass -File "%~dp0install.ps1" %*
exit /b %ERRORLEVEL%

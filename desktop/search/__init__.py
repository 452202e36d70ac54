"""The search pane: box, controller, results and facet models and views."""

//! The terminal reader: setup and restore, the event loop, app state, widgets.

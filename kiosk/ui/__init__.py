"""Qt: view-models, navigation, idle watcher and the background task runner."""

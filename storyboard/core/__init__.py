"""Below everything: settings, paths, logs, files written once. No Flask."""

"""Entrypoints: the CLI and the scheduler process. They translate input into use cases."""

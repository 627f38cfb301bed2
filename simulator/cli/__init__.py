"""The headless commands of shared/spec/cli.md."""

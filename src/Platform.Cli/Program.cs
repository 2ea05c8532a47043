// Placeholder entry point until the CLI commands land (feature/cli).
return 0;

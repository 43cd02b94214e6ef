"""modkit's benchmark suite (quality and speed); run from the repository root."""

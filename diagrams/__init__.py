"""State diagrams drawn from the machine itself (transitions' HierarchicalGraphMachine)."""

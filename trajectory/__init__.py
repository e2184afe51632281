"""Stagetraject: the stage trajectory of a praktijkschool as a state machine."""

"""Self-experiments (N-of-1 trials): the plan, its randomised schedule, adherence and the test.

Plain Python only, so the CLI, the window and the tests share one set of rules.
"""

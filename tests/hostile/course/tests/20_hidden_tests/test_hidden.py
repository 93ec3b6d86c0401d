# HIDDEN-TEST-CANARY-7c1e: the student must never see this file.
def test_hidden_runs():
    assert 1 + 1 == 2

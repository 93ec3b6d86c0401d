# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% zeta=1 alpha=2 Mid=3 tags=["z", "a"] beta=4
x = 1

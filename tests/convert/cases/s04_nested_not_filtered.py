# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% outer={"collapsed": true, "scrolled": 1, "bad key": 2}
x = 1

# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% language="python"
x = 1

# %% language="python3"
# y = 2

# %% language="python2"
# print 'x'

# %% language="pypy"
# z = 3

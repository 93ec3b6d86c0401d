# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
x = 1


# %%
# comment
def f():
    pass

# %%
# c


def g(): pass

# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
def f():
    """Doc

string
"""


# %%
x = 1


# %%
def g():
    s = '''
x'''


# %%
y = 2

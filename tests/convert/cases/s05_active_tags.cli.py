# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% tags=["active-py"]
x = 1

# %% tags=["active-ipynb"]
# y = 2

# %% tags=["active-ipynb-py"]
z = 3

# %% tags=["foo", "active-md"]
# w = 4

# %% tags=["active-py"]
md active py

# %% tags=["active-ipynb"]
# md active ipynb

# %% tags=["active-py"]
raw active py

# %% tags=["active-ipynb"]
# raw active ipynb

# %% tags=["active-ipynb"]
# %matplotlib inline
# ls

# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
import os
x = 1
y = 2

# %% [markdown]
# # Title
#
# text

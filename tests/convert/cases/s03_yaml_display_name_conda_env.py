# ---
# jupyter:
#   kernelspec:
#     display_name: Python [conda env:base] *
#     language: python
#     name: conda-env-base-py
# ---

# %%
x = 1

# ---
# jupyter:
#   jupytext:
#     main_language: R
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
x = 1

# ---
# jupyter:
#   jupytext:
#     main_language: R
#   kernelspec:
#     display_name: R
#     language: python
#     name: ir
# ---

# %%
x = 1

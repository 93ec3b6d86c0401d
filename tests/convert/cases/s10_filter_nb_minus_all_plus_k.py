# ---
# jupyter:
#   toc:
#     a: 1
# ---

# %%
x = 1

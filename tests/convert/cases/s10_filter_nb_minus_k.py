# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: -kernelspec
# ---

# %%
x = 1

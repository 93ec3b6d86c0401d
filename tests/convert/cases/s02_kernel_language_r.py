# ---
# jupyter:
#   kernelspec:
#     display_name: R
#     language: R
#     name: ir
# ---

# %% [markdown]
# Some R

# %%
x <- 1

# %% language="R"
y <- 2

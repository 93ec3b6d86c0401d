# %%
x <- 1

# %% [markdown]
# café

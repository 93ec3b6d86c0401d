# %% [markdown]
# # Only markdown

# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
print(1)

# %% [markdown]
# ![img](attachment:a.png)

# %% [raw]
# raw text

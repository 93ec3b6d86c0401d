# ---
# jupyter:
#   kernelspec:
#     display_name: C++17
#     language: C++17
#     name: xcpp17
# ---

# %% [markdown]
# Some C++

# %%
int x = 1;

# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%%
x = 1

# %%% [markdown]
# m

# %%%% k=1
y = 2

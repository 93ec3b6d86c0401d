# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.5.dev0
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
# %%time
x = 1

# %%
# %%capture out
y = 2

# %%
# %%writefile x.py
print(1)

# %%
# %%r
x

# %%
# %%HTML
<b/>

# %%
# %%timeit -n 3
z = 3

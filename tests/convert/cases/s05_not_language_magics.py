# ---
# jupyter:
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

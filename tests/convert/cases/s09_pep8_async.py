# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
async def f():
    await g()


# %%
x = 1


# %%
async with a:
    pass


# %%
y = 2

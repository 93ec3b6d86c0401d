# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
import numpy as np


# %% [markdown]
# ## Part 1

# %% tags=["export"]
def f(x):
    return x * 2


# %%
# %timeit f(3)

# %% [markdown] slideshow={"slide_type": "fragment"}
# Done

# %% [raw] raw_mimetype="text/x-python"
# raw

# %%
f(1)


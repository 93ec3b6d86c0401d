# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: all
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% collapsed=true tags=[] scrolled=false k=1
x = 1

# %% [markdown] ExecuteTime={"a": 1}
# m

# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [raw] raw_mimetype="text/latex"
# \begin{x}

# %% T [raw] format="text/html"
# <b>

# %% [raw]
# plain

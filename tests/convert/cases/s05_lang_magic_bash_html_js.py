# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% language="bash"
# ls -l
# echo hi

# %% language="html"
# <b>x</b>

# %% language="javascript"
# console.log(1)

# %% language="latex"
# $x$

# %% language="sql"
# SELECT 1

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

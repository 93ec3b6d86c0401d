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
# a=%time f
# b = %%time
# c = %%%x
d = %1
# # e = !pwd
# #f = %env
1x = !ls
g.h = !ls
i = !
j = % x

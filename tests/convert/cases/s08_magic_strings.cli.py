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
s = """
%time inside
!ls
ls
"""
# %time after

# %%
t = '''
%magic
'''

# %%
u = 'it''s' # %time
v = "%time"
w = '''one line'''
# !ls

# %%
x = """a""" + '''
ls
'''
# cd ..

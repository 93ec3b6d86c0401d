# ---
# jupyter:
#   jupytext:
#     comment_magics: false
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
%time x
!ls
ls
x = 1  # escape
# %t # escape

# %%
%%time
y

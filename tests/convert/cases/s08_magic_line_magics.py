# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
# %matplotlib inline
# %time x
# %%time x
  # %pylab
# %load_ext x
# %%%capture
%1bad
%
%%
x = 1 % 2

# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: -slideshow.x
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% slideshow={"slide_type": "slide"} k=1
x = 1

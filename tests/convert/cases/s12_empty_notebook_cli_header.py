# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
# ---

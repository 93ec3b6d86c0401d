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

# %% id="abc" jupyter={"source_hidden": true} editable=false deletable=false slideshow={"slide_type": "slide"} tags=["t1", "t2"] vscode={"languageId": "python"} colab={"base_uri": "https://localhost:8080/"} run_control={"marked": true} nbgrader={"grade": false, "grade_id": "c1", "locked": false, "schema_version": 3, "solution": true}
x = 1

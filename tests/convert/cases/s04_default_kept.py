# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% id="abc" jupyter={"source_hidden": true} editable=false deletable=false slideshow={"slide_type": "slide"} tags=["t1", "t2"] vscode={"languageId": "python"} colab={"base_uri": "https://localhost:8080/"} run_control={"marked": true} nbgrader={"grade": false, "grade_id": "c1", "locked": false, "schema_version": 3, "solution": true}
x = 1

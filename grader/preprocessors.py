"""nbgrader preprocessors of the course."""

import re

from nbgrader.preprocessors import ClearSolutions

_DEF = re.compile(r"^\s*def\s+(\w+)\s*\(", re.MULTILINE)
_STUB = "raise NotImplementedError()"
# A prediction's answer cell: one assignment between the solution markers (``diverging_input = 4.47``).
_PREDICTION = re.compile(r"^\s*### BEGIN SOLUTION\s*\n\s*(\w+)\s*=[^\n]*\n\s*### END SOLUTION\s*$", re.MULTILINE)


class ClearSolutionsNamingFunction(ClearSolutions):
    """nbgrader's ClearSolutions, whose stub says which function is left to write.

    ``raise NotImplementedError()`` inside ``def w_sum(...)`` becomes
    ``raise NotImplementedError("w_sum: replace this line with your code")``. A prediction's answer
    (``diverging_input = 4.47``) becomes ``diverging_input = ...``, which its check reads as not written yet.
    """

    def _replace_solution_region(self, cell, language):
        prediction = _PREDICTION.search(cell.source) if cell.cell_type == "code" else None
        replaced = super()._replace_solution_region(cell, language)
        if replaced and cell.cell_type == "code":
            if prediction:
                cell.source = cell.source.replace(_STUB, f"{prediction.group(1)} = ...")
            cell.source = "\n".join(self._named(cell.source.split("\n")))
        return replaced

    @staticmethod
    def _named(lines):
        function = None
        for line in lines:
            match = _DEF.match(line)
            if match:
                function = match.group(1)
            if function and line.strip() == _STUB:
                line = line.replace(_STUB, f'raise NotImplementedError("{function}: replace this line with your code")')
            yield line

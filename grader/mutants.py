"""Mutation testing of the checks: do they catch small wrong changes to each answer, and name them rightly?

``python -m grader mutants [TOPIC|EXERCISE ...] [--json] [--workers N]`` changes every exercise's reference
implementation (its solution notebook's answer, :mod:`grader.references`) in one place at a time, at the level
of its syntax tree, with the operators below. Each change (a *mutant*) is run through the exercise's visible
and hidden checks, exactly as a student's answer is (:func:`grader.checks.judge_visible` and
:func:`grader.checks.judge_hidden` on the specs the checks use), and counted:

* **equivalent** when it passes the checks and also agrees with the reference on ``draws`` further draws of
  the hidden cases (the exercise's own generator with other seeds): such a change is no mistake, and is not
  counted further;
* **caught** when a visible or a hidden check fails (a mutant that runs past its time limit counts as caught:
  grading stops it too); **missed** when it passes every check but differs from the reference on a further draw;
* **named** when a caught mutant's messages name at least one mistake;
* **contradicting** when one of those names describes another change than the mutation: its themes
  (:data:`NAME_THEMES`) share none with the mutation operator's (:data:`OPERATOR_THEMES`), and the declared
  mistake of that name does not behave exactly like the mutant on every case either. "an input was changed"
  is an observation, never a contradiction.

Caught is a share of the non-equivalent mutants; named and contradicting are shares of the caught ones (what
a student would read). Lines are numbered as in the generated ``grader/references/<topic>.py``.

Changes made (each an *operator*; assertions and docstrings are left alone):

=====================  ==========================================================================================
plus/minus swapped     ``a + b`` ↔ ``a - b``, ``x += d`` ↔ ``x -= d``
times/divide swapped   ``a * b`` ↔ ``a / b``, ``x *= d`` ↔ ``x /= d``
operation swapped      ``a * b`` ↔ ``a + b``, ``a @ b`` → ``a * b``, ``a ** b`` → ``a * b``, ``a // b`` → ``a / b``
sign flipped           unary minus removed, or added to a returned or assigned value; ``a - b`` → ``b - a``
transposed             ``.T`` removed, or added to an operand of ``dot``/``@``/``np.outer``; ``a.dot(b)`` →
                       ``b.dot(a)``, ``a @ b`` → ``b @ a``
term dropped           ``a + b`` → ``a`` or ``b``, ``a - b`` → ``a`` or ``-b``
factor dropped         ``a * b`` → ``a`` or ``b``, ``a / b`` → ``a``, ``a @ b`` → ``a`` or ``b``, ``a ** b`` → ``a``
comparison changed     ``<`` ↔ ``<=``, ``>`` ↔ ``>=``, ``<`` ↔ ``>``, ``==`` ↔ ``!=``, ``in`` ↔ ``not in``
function swapped       one NumPy function for its likely confusion: ``max`` ↔ ``maximum``, ``max`` ↔ ``min``,
                       ``argmax`` ↔ ``argmin``, ``dot`` → ``multiply``, ``outer`` → ``multiply``
sum/mean swapped       ``sum`` ↔ ``mean`` (a change of scale)
arguments swapped      two neighbouring positional arguments of a call
returned values        two neighbouring values of a returned tuple swapped
axis changed           ``axis=k`` set to another of 0, 1, -1, or removed; ``keepdims=`` removed
off by one             ``range`` bounds, indices and slice bounds ± 1 (a missing slice bound becomes 1 or -1)
constant changed       an integer ± 1, a float doubled or halved (0.0 becomes 1.0)
=====================  ==========================================================================================
"""

from __future__ import annotations

import ast
import contextlib
import copy
import io
import itertools
import json
import multiprocessing
import os
import resource
import signal
import warnings
import zlib
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from grader.attempt import Attempt
from grader.checks import NOT_JUDGED, NOT_WRITTEN, attempts_on, judge_hidden, judge_safely, judge_visible
from grader.compare import close
from grader.mistakes import INPUT_CHANGED
from grader.schema import Exercise, find, topic_exercises, topics
from grader.spec import CheckSpec, UnknownExercise
from grader.specs import build

REFERENCES = Path(__file__).resolve().parent / "references"

# What a mutation can legitimately be called: the kinds of change ("themes") each operator makes.
OPERATOR_THEMES: dict[str, frozenset[str]] = {
    "plus/minus swapped": frozenset({"sign"}),
    "times/divide swapped": frozenset({"scale"}),
    "operation swapped": frozenset({"operation"}),
    "sign flipped": frozenset({"sign"}),
    "transposed": frozenset({"order"}),
    "term dropped": frozenset({"missing"}),
    "factor dropped": frozenset({"missing", "scale"}),
    "comparison changed": frozenset({"comparison"}),
    "function swapped": frozenset({"operation"}),
    "sum/mean swapped": frozenset({"operation", "scale"}),
    "arguments swapped": frozenset({"order"}),
    "returned values swapped": frozenset({"order"}),
    "axis changed": frozenset({"axis"}),
    "off by one": frozenset({"index", "order", "comparison", "timing"}),
    "constant changed": frozenset({"scale", "index", "comparison"}),
}

# The themes of every mistake name the checks can show. Themes no operator has ("variable": one value used for
# another, "timing": a statement moved, "data": how data is drawn or prepared) describe changes that mutations
# do not make, so a mutant named so is contradicted (unless it behaves exactly as that mistake). A new mistake
# name needs its themes here, or every mutant it names counts as contradicted.
NAME_THEMES: dict[str, frozenset[str]] = {
    name: frozenset(themes.split())
    for name, themes in {
        # Recognised from the output alone (grader.mistakes).
        "returned values in the wrong order": "order",
        "axes in the wrong order": "order axis",
        "an axis missing": "axis",
        "overflow on large inputs": "missing operation",
        "nothing returned": "",
        "a list instead of a NumPy array": "data",
        "a NumPy array instead of a list": "data",
        "sign flipped": "sign",
        "transposed weights": "order",
        "sum missing": "missing axis",
        "an extra axis": "axis",
        "every value off by one constant factor": "scale",
        # Declared by the lessons (grader.catalogue and the exercise modules).
        "0/0 when both gradients are zero": "comparison missing",
        "bias left out of the weighted sum": "missing",
        "bias moved by the weights' steps": "variable",
        "bias returned unchanged": "missing",
        "bias step summed instead of averaged": "scale missing",
        "labels swapped in negative sampling": "order index",
        "parameters restored by arithmetic": "operation",
        "the book's Euclidean similarity": "operation",
        "the maximum of the whole batch subtracted": "axis",
        "Python's max on an array": "operation",
        "Python's sum: one cost per output": "operation axis",
        "X.T forgotten or transposes misplaced": "order",
        "`input` instead of `input[:, None]`": "axis",
        "`x` instead of `x[:, None]`": "axis",
        "a layer skipped": "missing",
        "a slope multiplied into the softmax delta": "operation",
        "a square matrix assumed": "index",
        "a word counted once per occurrence": "operation",
        "absolute value instead of relu": "operation",
        "activation forgotten": "missing",
        "added instead of multiplied": "operation",
        "admit left among the features": "data index",
        "all layer sizes multiplied": "operation",
        "alpha forgotten": "missing scale",
        "an equal accuracy counted as an improvement": "comparison",
        "analogy without normalisation": "missing",
        "cost measured before the step": "timing",
        "delta divided by every entry": "scale",
        "delta divided by the batch size twice": "scale",
        "delta masked but not doubled": "scale missing",
        "delta not divided by batch size": "scale missing",
        "delta pointing the wrong way": "sign",
        "derivative forgotten (the input factor)": "missing",
        "derivative f′ forgotten": "missing",
        "direction guessed from the prediction": "sign comparison",
        "divided by n_features instead of n_records": "scale index axis",
        "divided by ε instead of 2ε": "scale",
        "dividing by n_records forgotten": "scale missing",
        "dividing by the number of rows forgotten": "scale missing",
        "dropout forgotten": "missing",
        "dropout mask inverted": "sign",
        "dropout mask not applied to the delta": "missing",
        "dropout mask not scaled": "scale missing",
        "dummy columns left as True/False": "data",
        "elementwise instead of norms": "operation",
        "elementwise product instead of outer product": "operation",
        "elementwise product where a dot product was meant": "operation",
        "embedding rows updated for words not in the input": "index",
        "error measured after the step": "timing",
        "error measured after the update": "timing",
        "error not squared": "operation missing",
        "error recorded after the step": "timing",
        "errors not squared": "operation missing",
        "every weight frozen": "missing index",
        "every weight nudged at once": "index",
        "exp forgotten": "missing",
        "exp(x) instead of exp(−x)": "sign",
        "floats written into an integer column with .loc": "data",
        "frozen weight set to zero": "scale index",
        "f′ computed on the output instead of the input": "variable",
        "f′ computed with the output's formula on the input": "variable",
        "gradients from two different points": "timing",
        "hidden units ordered kernel by kernel": "order axis",
        "images and positions on one axis": "axis",
        "indices not sorted": "order missing",
        "input factor forgotten": "missing",
        "input factor x forgotten": "missing",
        "kernels updated with the wrong sign": "sign",
        "layer sizes added": "operation",
        "layers applied in the wrong order": "order",
        "learning rate forgotten": "missing scale",
        "least similar first": "sign order",
        "loss from the last record only": "index missing timing",
        "loss halved": "scale",
        "loss measured before the epoch's update": "timing",
        "loss summed instead of averaged": "scale missing",
        "math.exp on an array": "operation",
        "mean instead of sum": "scale operation",
        "mean of the rows instead of their sum": "scale operation",
        "moved on a tie": "comparison",
        "moved towards the larger error": "sign comparison",
        "no sigmoid on the hidden layer": "missing",
        "no sigmoid on the output": "missing",
        "not one row per image": "axis",
        "np.max instead of np.maximum": "operation",
        "nudged weights not put back": "missing",
        "one example given a batch axis": "axis",
        "one position too few in each direction": "index",
        "one update per epoch instead of one per example": "timing",
        "one-sided difference": "missing",
        "only the update returned": "missing",
        "outer product the wrong way round": "order",
        "output weights forgotten": "missing",
        "patience off by one": "comparison index",
        "population standard deviation (ddof=0)": "scale index",
        "positions ordered column by column": "order axis",
        "pred − true instead of true − pred": "sign",
        "predictions recorded after the update": "timing",
        "query vector not normalised": "missing scale",
        "rank column kept": "data index",
        "relu applied to the output layer": "operation",
        "relu derivative forgotten": "missing",
        "relu derivative on the wrong layer": "variable",
        "relu forgotten": "missing",
        "relu on the output layer": "operation",
        "relu on the shortcut": "operation",
        "relu′ on the wrong layer": "variable",
        "rows and columns swapped": "order axis",
        "rows multiplied by their squared length (the book's analogy)": "operation scale",
        "rows of the weight matrix read as its outputs": "order",
        "scalar forgotten": "missing scale",
        "scale of the starting weights forgotten": "missing scale",
        "section pixels read column by column": "order axis",
        "sigmoid derivative of the hidden layer left out": "missing",
        "sigmoid forgotten on the hidden layer": "missing",
        "sigmoid forgotten on the output": "missing",
        "sigmoid instead of tanh": "operation",
        "sigmoidPrime applied to a instead of z": "variable",
        "sigmoid′ computed from the input instead of the output": "variable",
        "sign of (y − ŷ) flipped": "sign",
        "sign of the error flipped": "sign",
        "similarity without normalisation": "missing",
        "size hard-coded": "index",
        "softmax forgotten": "missing",
        "softmax over the whole batch": "axis",
        "softmax over the wrong axis": "axis",
        "softmax overflows on large inputs": "missing",
        "split with another random generator": "data",
        "squared norms": "operation",
        "standardised with the training rows only": "data index",
        "starting weights drawn in another order": "order data",
        "stayed because both neighbours were worse": "comparison",
        "stepped uphill": "sign",
        "stopped at the first dip": "comparison",
        "sum of the context rows instead of their mean": "scale operation",
        "sums multiplied instead of products summed": "operation",
        "tanh from exp(x) overflows": "operation",
        "tanh instead of sigmoid": "operation",
        "tanh′ computed from the input instead of the output": "variable operation",
        "tanh′ of the dropped-out layer": "variable",
        "test loss measured on the training data": "variable",
        "the batch axis dropped": "axis",
        "the book's backward step": "variable scale",
        "the book's dropout step": "variable scale",
        "the difference not divided": "missing scale",
        "the error used instead of delta": "missing",
        "the factor 2 of the derivative kept": "scale",
        "the first image only": "index",
        "the last streetlight's error only": "index timing",
        "the last, shorter batch divided by batch_size": "scale index",
        "the new weights returned instead of the step": "variable missing",
        "the on/off mask instead of the values": "missing operation",
        "the output's formula applied to z": "variable",
        "the position axis left out": "axis",
        "the query's own words not excluded": "missing",
        "the shortcut forgotten": "missing",
        "the sigmoid instead of its slope": "missing",
        "the square forgotten": "missing operation",
        "the starting weight missing": "missing",
        "the step returned instead of the new weights": "variable missing",
        "the steps returned instead of the new weights": "variable missing",
        "the values instead of the slope": "missing operation",
        "the ½ forgotten": "scale missing",
        "training rows sorted": "data order",
        "transposed weights in the backward pass": "order",
        "true − pred instead of pred − true": "sign",
        "unknown words not skipped": "missing comparison",
        "weight delta added instead of subtracted": "sign",
        "weight_delta without the input": "missing",
        "weight_deltas computed from the weights": "variable",
        "weights drawn in another order or range": "order scale data",
        "weights drawn with another random generator": "data",
        "weights moved against the delta": "sign",
        "weights stepped the wrong way": "sign",
        "weights multiplied from the left": "order",
        "weights not changed in place": "variable",
        "weights updated before every weight_delta was computed": "timing",
        "weights updated inside the record loop": "timing",
        "weights updated once per pass": "timing",
        "weights updated once, after the loop": "timing",
        "weights_1_2 changed before layer_1_delta was computed": "timing",
        "weights_1_2 updated from the layer before dropout": "variable",
        "zero counted as on": "comparison",
        "δ3 without the sigmoid′ factor": "missing",
    }.items()
}

# Names with a number in them ("every value off by a factor of 2") are listed by their first words.
_NAME_PREFIXES = {"every value off by": "every value off by one constant factor"}
# What a verdict lists that is no mistake's name.
_NOT_NAMES = {NOT_WRITTEN, NOT_JUDGED}


def themes_of(name: str) -> frozenset[str]:
    """The themes of a mistake name (none for a name not in :data:`NAME_THEMES`)."""
    for prefix, listed in _NAME_PREFIXES.items():
        if name.startswith(prefix):
            name = listed
    return NAME_THEMES.get(name, frozenset())


# Mutations.


@dataclass(frozen=True)
class Mutation:
    """One change to a reference: its operator, the line it is on, and the code before and after."""

    operator: str
    line: int
    before: str
    after: str

    def describe(self) -> str:
        return f"line {self.line}: {self.before} → {self.after} ({self.operator})"


def _short(node: ast.AST) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= 70 else text[:67] + "..."


def _negated(node: ast.expr) -> ast.expr:
    return ast.UnaryOp(ast.USub(), copy.deepcopy(node))


def _plus_one(node: ast.expr, step: int) -> ast.expr:
    """``node + 1`` or ``node - 1`` (a constant integer is changed in place)."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return ast.Constant(node.value + step)
    return ast.BinOp(copy.deepcopy(node), ast.Add() if step > 0 else ast.Sub(), ast.Constant(1))


def _with_op(node: ast.AST, op: ast.operator) -> ast.AST:
    changed = copy.deepcopy(node)
    changed.op = op
    return changed


_SWAPS = {
    ast.Add: [("plus/minus swapped", ast.Sub), ("operation swapped", ast.Mult)],
    ast.Sub: [("plus/minus swapped", ast.Add)],
    ast.Mult: [("times/divide swapped", ast.Div), ("operation swapped", ast.Add)],
    ast.Div: [("times/divide swapped", ast.Mult)],
    ast.MatMult: [("operation swapped", ast.Mult)],
    ast.Pow: [("operation swapped", ast.Mult)],
    ast.FloorDiv: [("operation swapped", ast.Div)],
}
_AUGMENTED_SWAPS = {
    ast.Add: ("plus/minus swapped", ast.Sub),
    ast.Sub: ("plus/minus swapped", ast.Add),
    ast.Mult: ("times/divide swapped", ast.Div),
    ast.Div: ("times/divide swapped", ast.Mult),
}
_COMPARISON_SWAPS = {
    ast.Lt: [ast.LtE, ast.Gt],
    ast.LtE: [ast.Lt, ast.GtE],
    ast.Gt: [ast.GtE, ast.Lt],
    ast.GtE: [ast.Gt, ast.LtE],
    ast.Eq: [ast.NotEq],
    ast.NotEq: [ast.Eq],
    ast.In: [ast.NotIn],
    ast.NotIn: [ast.In],
    ast.Is: [ast.IsNot],
    ast.IsNot: [ast.Is],
}
_PRODUCTS = {"dot", "matmul", "outer"}  # calls whose operands a transposition may swap or transpose
_CONFUSED = {  # a NumPy function: the ones learners put in its place, and the operator that makes the change
    "sum": [("mean", "sum/mean swapped")],
    "mean": [("sum", "sum/mean swapped")],
    "max": [("maximum", "function swapped"), ("min", "function swapped")],
    "maximum": [("max", "function swapped"), ("minimum", "function swapped")],
    "min": [("max", "function swapped")],
    "argmax": [("argmin", "function swapped")],
    "argmin": [("argmax", "function swapped")],
    "dot": [("multiply", "function swapped")],
    "outer": [("multiply", "function swapped")],
}
_NOT_NUMBERS = (ast.List, ast.ListComp, ast.Set, ast.SetComp, ast.Dict, ast.DictComp, ast.JoinedStr, ast.Lambda)


def _transposed(node: ast.expr) -> ast.expr | None:
    """``node.T``, unless ``node`` is already a transposition."""
    if isinstance(node, ast.Attribute) and node.attr == "T":
        return None
    return ast.Attribute(copy.deepcopy(node), "T", ast.Load())


def _call_name(node: ast.Call) -> str | None:
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)


def _binop_changes(node: ast.BinOp) -> Iterator[tuple[str, ast.AST]]:
    for operator, op in _SWAPS.get(type(node.op), []):
        yield operator, _with_op(node, op())
    left, right = copy.deepcopy(node.left), copy.deepcopy(node.right)
    if isinstance(node.op, ast.Sub):
        yield "sign flipped", ast.BinOp(right, ast.Sub(), left)
        yield "term dropped", left
        yield "term dropped", _negated(right)
    elif isinstance(node.op, ast.Add):
        yield "term dropped", left
        yield "term dropped", right
    elif isinstance(node.op, (ast.Mult, ast.MatMult)):
        yield "factor dropped", left
        yield "factor dropped", right
    elif isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Pow)):
        yield "factor dropped", left
    if isinstance(node.op, ast.MatMult):
        yield "transposed", ast.BinOp(right, ast.MatMult(), left)
        for side in ("left", "right"):
            if (transposed := _transposed(getattr(node, side))) is not None:
                yield "transposed", ast.BinOp(**{**{"left": left, "right": right}, side: transposed}, op=ast.MatMult())


def _call_changes(node: ast.Call) -> Iterator[tuple[str, ast.AST]]:
    name = _call_name(node)
    positional = node.args
    if any(isinstance(arg, ast.Starred) for arg in positional):
        return
    if name == "dot" and isinstance(node.func, ast.Attribute) and len(positional) == 1:
        swapped = copy.deepcopy(node)
        swapped.func.value, swapped.args[0] = copy.deepcopy(node.args[0]), copy.deepcopy(node.func.value)
        yield "transposed", swapped
        if (transposed := _transposed(node.func.value)) is not None:
            changed = copy.deepcopy(node)
            changed.func.value = transposed
            yield "transposed", changed
    if name in _PRODUCTS:
        for index, arg in enumerate(positional):
            if (transposed := _transposed(arg)) is not None:
                changed = copy.deepcopy(node)
                changed.args[index] = transposed
                yield "transposed", changed
    for index in range(len(positional) - 1):
        swapped = copy.deepcopy(node)
        swapped.args[index], swapped.args[index + 1] = swapped.args[index + 1], swapped.args[index]
        yield "arguments swapped", swapped
    if isinstance(node.func, ast.Attribute):
        for other, operator in _CONFUSED.get(name, []):
            swapped = copy.deepcopy(node)
            swapped.func.attr = other
            yield operator, swapped
    if name == "range":
        for index, arg in enumerate(positional):
            for step in (1, -1):
                changed = copy.deepcopy(node)
                changed.args[index] = _plus_one(arg, step)
                yield "off by one", changed
    for index, keyword in enumerate(node.keywords):
        if keyword.arg not in ("axis", "keepdims"):
            continue
        removed = copy.deepcopy(node)
        del removed.keywords[index]
        yield "axis changed", removed
        value = keyword.value
        if keyword.arg == "axis" and isinstance(value, ast.Constant) and type(value.value) is int:
            for other in (0, 1, -1):
                if other != value.value:
                    changed = copy.deepcopy(node)
                    changed.keywords[index].value = ast.Constant(other)
                    yield "axis changed", changed


def _subscript_changes(node: ast.Subscript) -> Iterator[tuple[str, ast.AST]]:
    index = node.slice
    if isinstance(index, ast.Slice):
        for bound in ("lower", "upper"):
            value = getattr(index, bound)
            replacements = (
                [ast.Constant(1 if bound == "lower" else -1)]
                if value is None
                else [_plus_one(value, 1), _plus_one(value, -1)]
            )
            for new in replacements:
                changed = copy.deepcopy(node)
                setattr(changed.slice, bound, new)
                yield "off by one", changed
    elif isinstance(index, (ast.Name, ast.BinOp)) or (isinstance(index, ast.Constant) and type(index.value) is int):
        for step in (1, -1):
            changed = copy.deepcopy(node)
            changed.slice = _plus_one(index, step)
            yield "off by one", changed


def _constant_changes(node: ast.Constant) -> Iterator[tuple[str, ast.AST]]:
    value = node.value
    if type(value) is int:
        yield "constant changed", ast.Constant(value + 1)
        yield "constant changed", ast.Constant(value - 1)
    elif type(value) is float:
        if value == 0.0:
            yield "constant changed", ast.Constant(1.0)
        else:
            yield "constant changed", ast.Constant(value * 2)
            yield "constant changed", ast.Constant(value / 2)


def changes(node: ast.AST) -> Iterator[tuple[str, ast.AST]]:
    """Every ``(operator, replacement)`` the operators make of ``node`` (a node of a function's body)."""
    if isinstance(node, ast.BinOp):
        yield from _binop_changes(node)
    elif isinstance(node, ast.AugAssign) and type(node.op) in _AUGMENTED_SWAPS:
        operator, op = _AUGMENTED_SWAPS[type(node.op)]
        yield operator, _with_op(node, op())
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        yield "sign flipped", copy.deepcopy(node.operand)
        if _negative_constant(node):
            yield from _constant_changes(ast.Constant(-node.operand.value))
    elif isinstance(node, ast.Compare) and len(node.ops) == 1:
        for op in _COMPARISON_SWAPS.get(type(node.ops[0]), []):
            changed = copy.deepcopy(node)
            changed.ops = [op()]
            yield "comparison changed", changed
    elif isinstance(node, ast.Attribute) and node.attr == "T":
        yield "transposed", copy.deepcopy(node.value)
    elif isinstance(node, ast.Call):
        yield from _call_changes(node)
    elif isinstance(node, ast.Subscript):
        yield from _subscript_changes(node)
    elif isinstance(node, ast.Constant):
        yield from _constant_changes(node)
    if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
        for index in range(len(node.value.elts) - 1):
            swapped = copy.deepcopy(node)
            values = swapped.value.elts
            values[index], values[index + 1] = values[index + 1], values[index]
            yield "returned values swapped", swapped
    elif isinstance(node, (ast.Return, ast.Assign)) and node.value is not None:
        value = node.value
        plain = not isinstance(value, (*_NOT_NUMBERS, ast.Tuple, ast.UnaryOp, ast.Constant))
        if plain and not (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple)):
            changed = copy.deepcopy(node)
            changed.value = _negated(value)
            yield "sign flipped", changed


def _target(tree: ast.Module, exercise: Exercise) -> ast.FunctionDef:
    """The definition an exercise grades: its function, or the method of its class that the id names."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == exercise.function:
            return node
        if isinstance(node, ast.ClassDef) and node.name == exercise.function:
            method = exercise.id.partition(".")[2]
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == method:
                    return item
    raise LookupError(f"{exercise.id}: no {exercise.function} in grader/references/{exercise.topic}.py")


def _negative_constant(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
        and type(node.operand.value) in (int, float)
    )


def _left_alone(function: ast.FunctionDef) -> set[int]:
    """The ids of the nodes no operator changes: assertions, the docstring, and the 1 of -1 (-1 is changed whole)."""
    skipped = [node for node in ast.walk(function) if isinstance(node, ast.Assert)]
    skipped += [node.operand for node in ast.walk(function) if _negative_constant(node)]
    if ast.get_docstring(function) is not None:
        skipped.append(function.body[0])
    return {id(inner) for node in skipped for inner in ast.walk(node)}


def _replace(root: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(root):
        for name, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, name, new)
                return
            if isinstance(value, list) and any(item is old for item in value):
                value[next(i for i, item in enumerate(value) if item is old)] = new
                return
    raise LookupError("node not found")


def definition(exercise: Exercise) -> ast.FunctionDef:
    """The syntax tree of the definition ``exercise`` grades, in its reference module."""
    source = (REFERENCES / f"{exercise.topic}.py").read_text(encoding="utf-8")
    return _target(ast.parse(source), exercise)


def mutants(exercise: Exercise) -> list[tuple[Mutation, ast.Module]]:
    """Every distinct mutant of ``exercise``'s reference: the mutation, and the whole mutated module."""
    source = (REFERENCES / f"{exercise.topic}.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    original = ast.unparse(_target(tree, exercise))
    nodes = list(ast.walk(_target(tree, exercise)))
    left_alone = _left_alone(_target(tree, exercise))
    seen, found = {original}, []
    for position, node in enumerate(nodes):
        if id(node) in left_alone or position == 0:
            continue
        for operator, replacement in changes(node):
            mutated = copy.deepcopy(tree)
            target = _target(mutated, exercise)
            _replace(target, list(ast.walk(target))[position], replacement)
            ast.fix_missing_locations(mutated)
            text = ast.unparse(target)
            if text in seen:
                continue
            seen.add(text)
            found.append((Mutation(operator, node.lineno, _short(node), _short(replacement)), mutated))
    return found


def load(exercise: Exercise, mutated: ast.Module) -> Callable:
    """The graded object (function or class) of a mutated reference module."""
    namespace = {"__name__": f"mutant_of_{exercise.topic}"}
    exec(compile(mutated, f"<mutant of grader/references/{exercise.topic}.py>", "exec"), namespace)  # noqa: S102
    return namespace[exercise.function]


# Running the checks on mutants.


class MutantTimeout(BaseException):
    """A mutant ran past its time limit (a BaseException: the checks catch every Exception a function raises)."""


def _on_alarm(signum, frame):
    raise MutantTimeout


@contextlib.contextmanager
def _time_limit(seconds: float):
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


@dataclass
class Checks:
    """The checks an exercise's mutants run: visible and hidden specs, and further draws to tell equivalence."""

    exercise: Exercise
    visible: CheckSpec
    hidden: CheckSpec
    draws: list[CheckSpec]

    @classmethod
    def of(cls, exercise: Exercise, draws: int) -> Checks:
        bare = replace(exercise, mistakes=[])  # the further draws only compare with the reference
        seed = zlib.crc32(exercise.id.encode())
        further = [build(bare, exercise.hidden(np.random.default_rng(seed + k))) for k in range(1, draws + 1)]
        return cls(exercise, build(exercise, exercise.visible), build(exercise, exercise.hidden_cases()), further)


@dataclass(frozen=True)
class Outcome:
    """What the checks made of one mutant."""

    mutation: Mutation
    status: str  # "equivalent", "caught" or "missed"
    names: tuple[str, ...] = ()
    contradicting: tuple[str, ...] = ()


def _same_behaviour(attempts: list[Attempt], fingerprints: list[Attempt], rtol: float, atol: float) -> bool:
    def same(a: Attempt, f: Attempt) -> bool:
        if a.raised is not None or f.raised is not None:
            return a.raised is not None and f.raised is not None and a.raised.name == f.raised.name
        return close(a.output, f.output, rtol, atol)

    return all(same(a, f) for a, f in zip(attempts, fingerprints))


def _contradicting(checks: Checks, operator: str, names, attempts: list[Attempt]) -> tuple[str, ...]:
    cases = [*checks.visible.cases, *checks.hidden.cases]
    spec = checks.visible
    wrong = []
    for name in names:
        if name == INPUT_CHANGED.name or themes_of(name) & OPERATOR_THEMES[operator]:
            continue
        behaves_so = any(
            _same_behaviour(attempts, [case.fingerprints[number] for case in cases], spec.rtol, spec.atol)
            for number, mistake in enumerate(spec.mistakes)
            if mistake.name == name
        )
        if not behaves_so:
            wrong.append(name)
    return tuple(wrong)


def run_mutant(checks: Checks, mutation: Mutation, implementation: Callable, seconds: float) -> Outcome:
    """Run ``implementation`` (a mutant) through the checks, then (when they pass) through the further draws."""
    try:
        with _time_limit(seconds):
            shown = attempts_on(checks.visible, implementation)
            hidden = attempts_on(checks.hidden, implementation)
    except MutantTimeout:
        return Outcome(mutation, "caught")
    verdicts = [judge_safely(judge_visible, checks.visible, shown), judge_safely(judge_hidden, checks.hidden, hidden)]
    if not all(verdict.passed for verdict in verdicts):
        names = tuple(dict.fromkeys(n for v in verdicts for n in v.mistakes if n not in _NOT_NAMES))
        wrong = _contradicting(checks, mutation.operator, names, shown + hidden)
        return Outcome(mutation, "caught", names, wrong)
    for draw in checks.draws:
        try:
            with _time_limit(seconds):
                differs = not judge_safely(judge_hidden, draw, attempts_on(draw, implementation)).passed
        except MutantTimeout:
            differs = True
        if differs:
            return Outcome(mutation, "missed")
    return Outcome(mutation, "equivalent")


@dataclass
class ExerciseResult:
    """The mutants of one exercise and what the checks made of them (see the module docstring)."""

    id: str
    mutants: int = 0
    equivalent: int = 0
    caught: int = 0
    named: int = 0
    contradicting: int = 0
    missed: list[str] = field(default_factory=list)
    equivalents: list[str] = field(default_factory=list)
    contradictions: list[str] = field(default_factory=list)
    unmeasured: list[str] = field(default_factory=list)  # why an exercise could not be mutated

    def add(self, outcome: Outcome) -> None:
        self.mutants += 1
        if outcome.status == "equivalent":
            self.equivalent += 1
            self.equivalents.append(outcome.mutation.describe())
        elif outcome.status == "missed":
            self.missed.append(outcome.mutation.describe())
        else:
            self.caught += 1
            self.named += bool(outcome.names)
            if outcome.contradicting:
                self.contradicting += 1
                self.contradictions.append(f"{outcome.mutation.describe()}: named {', '.join(outcome.contradicting)}")

    def merge(self, other: ExerciseResult) -> None:
        for name in ("mutants", "equivalent", "caught", "named", "contradicting"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed += other.missed
        self.equivalents += other.equivalents
        self.contradictions += other.contradictions
        self.unmeasured += other.unmeasured

    @property
    def non_equivalent(self) -> int:
        return self.mutants - self.equivalent

    def shares(self) -> dict[str, float]:
        """caught (of non-equivalent mutants), named and contradicting (of caught ones), as fractions."""

        return {
            "caught": self.caught / self.non_equivalent if self.non_equivalent else 1.0,
            "named": self.named / self.caught if self.caught else 0.0,
            "contradicting": self.contradicting / self.caught if self.caught else 0.0,
        }

    def to_data(self) -> dict:
        shares = {f"{name}_share": round(share, 4) for name, share in self.shares().items()}
        return {**asdict(self), "non_equivalent": self.non_equivalent, **shares}


def measure(exercise_id: str, draws: int = 3, seconds: float = 5.0, every: int = 1) -> ExerciseResult:
    """Mutate ``exercise_id``'s reference and run every ``every``-th mutant through its checks."""
    exercise = find(exercise_id)
    result = ExerciseResult(exercise_id)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = mutants(exercise)[::every]
            checks = Checks.of(exercise, draws)
        except (LookupError, AttributeError) as error:  # an exercise whose answer is not generated yet
            result.unmeasured.append(f"{exercise_id}: {error}")
            return result
        for mutation, mutated in found:
            state = np.random.get_state()
            try:
                implementation = load(exercise, mutated)
            except Exception:  # noqa: BLE001 - a mutant that cannot even be defined is no answer a student hands in
                continue
            with contextlib.redirect_stdout(io.StringIO()):
                result.add(run_mutant(checks, mutation, implementation, seconds))
            np.random.set_state(state)
    return result


def _worker_init() -> None:
    # A mutant may ask for an enormous array; it then raises MemoryError (caught) instead of taking the machine.
    limit = 4 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.environ.setdefault("OMP_NUM_THREADS", "1")


def _measure_task(task: tuple) -> ExerciseResult:
    return measure(*task)


def exercise_ids(selection: list[str]) -> list[str]:
    """The exercises named by ``selection`` (topics or exercise ids; all exercises when empty), in lesson order."""
    every = [exercise_id for topic in topics() for exercise_id in topic_exercises(topic)]
    if not selection:
        return every
    chosen = []
    for item in selection:
        if "." in item:
            find(item)
            chosen.append(item)
        else:
            chosen += list(topic_exercises(item))
    return [exercise_id for exercise_id in every if exercise_id in chosen]


def measure_all(
    ids: list[str], workers: int | None = None, draws: int = 3, seconds: float = 5.0, every: int = 1
) -> list[ExerciseResult]:
    """:func:`measure` for every exercise of ``ids``, in ``workers`` processes (default: one per core)."""
    workers = workers or len(os.sched_getaffinity(0))
    tasks = [(exercise_id, draws, seconds, every) for exercise_id in ids]
    # Fresh processes, not forks: the caller may hold threads (a test session that imported JAX, say).
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_worker_init) as pool:
        return list(pool.imap(_measure_task, tasks, chunksize=1))


def totals(results: list[ExerciseResult]) -> dict[str, ExerciseResult]:
    """One result per lesson topic, and ``"all"``."""
    by_topic: dict[str, ExerciseResult] = {}
    for result in results:
        for key in (result.id.partition(".")[0], "all"):
            by_topic.setdefault(key, ExerciseResult(key)).merge(result)
    return by_topic


def table(results: list[ExerciseResult], per_exercise: bool = True) -> str:
    header = f"{'exercise':<40} {'mutants':>7} {'equiv.':>6} {'caught':>7} {'named':>6} {'contra.':>7}"
    rows = [header, "-" * len(header)]

    def row(result: ExerciseResult) -> str:
        if result.unmeasured and not result.mutants:
            return f"{result.id:<40} not measured: no function of grader/references/ answers it"
        shares = result.shares()
        return (
            f"{result.id:<40} {result.mutants:>7} {result.equivalent:>6} {shares['caught']:>7.1%} "
            f"{shares['named']:>6.1%} {shares['contradicting']:>7.1%}"
        )

    if per_exercise:
        rows += [row(result) for result in results] + [""]
    rows += [row(result) for _, result in sorted(totals(results).items(), key=lambda item: item[0] == "all")]
    return "\n".join(rows)


def main(selection: list[str], as_json: bool, workers: int | None, draws: int, every: int, details: bool) -> int:
    try:
        ids = exercise_ids(selection)
    except UnknownExercise as error:
        raise SystemExit(f"error: {error}") from None
    results = measure_all(ids, workers, draws, every=every)
    if as_json:
        data = {
            "exercises": [result.to_data() for result in results],
            "totals": {key: result.to_data() for key, result in totals(results).items()},
        }
        print(json.dumps(data, indent=1, ensure_ascii=False))
        return 0
    print(table(results))
    for result in results:
        for reason in result.unmeasured:
            print(f"not measured: {reason}")
    if details:
        for result in results:
            for line in itertools.chain(
                (f"missed       {m}" for m in result.missed),
                (f"contradicts  {c}" for c in result.contradictions),
                (f"equivalent   {e}" for e in result.equivalents),
            ):
                print(f"{result.id}: {line}")
    return 0

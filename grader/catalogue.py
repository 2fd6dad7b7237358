"""Mistakes learners make in more than one lesson, declared once.

An exercise module attaches a wrong implementation to a catalogue entry (``TRANSPOSED.via(column_sums)``);
where a lesson's layout needs its own advice, it keeps the name and gives the hint
(``ALPHA_FORGOTTEN.hinted("...")``), so the class report counts one mistake under one name.
"""

from grader.mistakes import (  # noqa: F401 - recognised from the output alone, and declared by exercises too
    ARRAY_NOT_LIST,
    EXTRA_AXIS,
    INPUT_CHANGED,
    LIST_NOT_ARRAY,
    NO_RETURN,
    SIGN_FLIPPED,
    SUM_MISSING,
    TRANSPOSED,
    Mistake,
)

ELEMENTWISE_NOT_DOT = Mistake(
    "elementwise product where a dot product was meant",
    "`a * b` multiplies position by position; a weighted sum (dot product) also adds the products together.",
)
WRONG_ORDER = Mistake(
    "layers applied in the wrong order",
    "Feed the input through the first weight matrix, then feed that result through the second.",
)
LAYER_SKIPPED = Mistake("a layer skipped", "Every weight matrix in the list is used once, in order.")
HARD_CODED_SIZE = Mistake(
    "size hard-coded",
    "Your function works for the lesson's example but not for other sizes: size the output from the inputs (len(...)).",
)
ADDED = Mistake("added instead of multiplied", "A weight scales its input: multiply them.")

# Learning: the error, its sign, and the step.
TRUE_MINUS_PRED = Mistake(
    "true − pred instead of pred − true",
    "delta is prediction − goal: positive when the prediction is too high, so that subtracting alpha × weight_delta "
    "brings the prediction down. With goal − prediction every step moves the weights the wrong way.",
)
# A step that returns only the new weights cannot tell the two signs apart: goal − prediction subtracted and
# prediction − goal added move every weight the same wrong way. It is named for what it does.
STEP_WRONG_WAY = Mistake(
    "weights stepped the wrong way",
    "Every weight moved so that the error grows: delta is prediction − goal (positive when the prediction is too "
    "high) and the step is subtracted, weight − alpha × weight_delta. Check both signs: goal − prediction, or a "
    "step added instead of subtracted, each turns the step around.",
)
PRED_MINUS_TRUE = Mistake(
    "pred − true instead of true − pred",
    "This lesson writes the error as target − output (y − ŷ) and then *adds* the weight step: with ŷ − y every step "
    "climbs the error instead of descending it.",
)
DELTA_WRONG_WAY = Mistake(
    "delta pointing the wrong way",
    "In this lesson (as in the book) a delta is labels − prediction: the way the outputs should move, and the weights "
    "move with it (weights + alpha × ...).",
)
ALPHA_FORGOTTEN = Mistake("alpha forgotten", "Scale every weight update by the learning rate alpha.")
LEARNRATE_FORGOTTEN = Mistake(
    "learning rate forgotten", "Scale the step by the learning rate: learnrate * error_term * x."
)
UPDATED_INSIDE_THE_LOOP = Mistake(
    "weights updated inside the record loop",
    "In batch gradient descent every record of a batch is predicted with the same weights: add up the records' "
    "steps inside the loop and change the weights once, after it.",
)
NOT_AVERAGED = Mistake(
    "dividing by n_records forgotten",
    "Batch gradient descent adds up one step per record and then takes their mean: divide the sum by the number "
    "of records, or the step grows with the size of the data set.",
)
OUTER_WRONG_WAY = Mistake(
    "outer product the wrong way round",
    "The weight deltas have the weights' own layout. NumPy weights of shape (n_inputs, n_outputs) have one row per "
    "input: np.outer(input, delta), or input[:, None] * delta. The book's lists of weights have one row per output: "
    "outer_prod(delta, input).",
)
OTHER_GENERATOR = Mistake(
    "weights drawn with another random generator",
    "Start the way the lesson says, so that runs can be compared: np.random.seed(seed), then "
    "np.random.normal(scale=1 / n_features**0.5, size=...).",
)
LOSS_BEFORE_UPDATE = Mistake(
    "loss measured before the epoch's update",
    "losses[e] is the loss of the weights *after* epoch e: run the epoch first, then measure.",
)

# The sigmoid and its slope (lessons 04 and 06).
SIGMOID_SIGN = Mistake(
    "exp(x) instead of exp(−x)",
    "sigmoid(x) = 1 / (1 + e^(−x)) grows with x: large inputs give outputs near 1, very negative ones near 0. "
    "With e^(+x) it falls, giving 1 − sigmoid(x).",
)
DERIVATIVE_OF_ACTIVATION_FORGOTTEN = Mistake(
    "derivative f′ forgotten",
    "The error term is the error times the slope of the activation: δ = (y − ŷ) · f′(h), with f′(h) = ŷ(1 − ŷ) for "
    "the sigmoid.",
)
PRIME_OF_OUTPUT = Mistake(
    "f′ computed on the output instead of the input",
    "f′(h) is the sigmoid's slope at the unit's input h. sigmoid_prime(output) takes the slope at ŷ instead: use "
    "sigmoid_prime(h), or its shortcut output * (1 - output).",
)
SHORTCUT_ON_INPUT = Mistake(
    "f′ computed with the output's formula on the input",
    "The shortcut f′(h) = ŷ(1 − ŷ) needs the output ŷ = sigmoid(h); h * (1 - h) puts the input in its place. Use "
    "output * (1 - output), or sigmoid_prime(h).",
)

# relu and its slope (lessons 05, 08, 09, 10).
NP_MAX = Mistake(
    "np.max instead of np.maximum",
    "np.max(x, 0) is the largest value along axis 0 (and np.max(0, x) is an error); relu compares every entry with 0: "
    "np.maximum(x, 0).",
)
RELU_FORGOTTEN = Mistake(
    "relu forgotten",
    "Every hidden layer goes through relu: layer_1 = relu(layer_0.dot(weights_0_1)). Without it, two layers compute "
    "nothing one layer couldn't.",
)
RELU_ON_OUTPUT = Mistake(
    "relu on the output layer",
    "Only the hidden layer goes through relu; layer_2 is the plain weighted sum of layer_1, so it can be negative.",
)
ABSOLUTE_VALUE = Mistake(
    "absolute value instead of relu", "relu turns negative values into 0, not into positive values."
)
MASK_NOT_VALUES = Mistake(
    "the on/off mask instead of the values",
    "relu keeps every positive value as it is and sets the others to 0: (x > 0) * x, not x > 0.",
)
VALUES_NOT_SLOPE = Mistake(
    "the values instead of the slope",
    "relu2deriv gives the slope of relu: 1 where the unit is on (output > 0) and 0 where it is off, whatever the "
    "value.",
)
ZERO_COUNTED_AS_ON = Mistake(
    "zero counted as on",
    "A unit whose output is 0 was switched off by relu and passed nothing on, so its slope is 0: output > 0, not "
    "output >= 0 (which is true for every output relu can produce).",
)

# tanh, softmax and their slopes (lessons 10 and 11).
SIGMOID_NOT_TANH = Mistake("sigmoid instead of tanh", "tanh runs from −1 to 1 (tanh(0) = 0); sigmoid runs from 0 to 1.")
TANH_OVERFLOW = Mistake(
    "tanh from exp(x) overflows",
    "(e^x − e^−x) / (e^x + e^−x) is inf / inf = nan once x is a few hundred. np.tanh computes it safely.",
)
TANH_FROM_INPUT = Mistake(
    "tanh′ computed from the input instead of the output",
    "tanh2deriv receives the layer's output, which is already tanh(x): its slope is 1 − output². Applying tanh again "
    "computes 1 − tanh(tanh(x))².",
)
SQUARE_FORGOTTEN = Mistake("the square forgotten", "The slope of tanh is 1 − output², not 1 − output.")
SOFTMAX_WHOLE_BATCH = Mistake(
    "softmax over the whole batch",
    "Divide each row by its own sum (np.sum(..., axis=1, keepdims=True)), not by the sum of the whole batch.",
)
SOFTMAX_WRONG_AXIS = Mistake(
    "softmax over the wrong axis",
    "Each row is one image: normalise along axis=1 (with keepdims=True) so that every image's probabilities add up "
    "to 1.",
)
SOFTMAX_MAX_OF_THE_BATCH = Mistake(
    "the maximum of the whole batch subtracted",
    "Subtract each row's own maximum: x - x.max(axis=1, keepdims=True). With the batch's maximum, a row far below "
    "it has every exponential round to 0, and 0 / 0 is nan.",
)
SOFTMAX_OVERFLOW = Mistake(
    "softmax overflows on large inputs",
    "np.exp(1000) is inf, and inf / inf is nan. Subtract each row's maximum before np.exp: the result is the same, "
    "and the largest exponent becomes e^0 = 1.",
)

# Batches, dropout and the book's training steps (lessons 09, 10, 11).
DELTA_NOT_AVERAGED = Mistake(
    "delta not divided by batch size",
    "The weight update adds up every image of the batch; divide the delta by the number of images (len(labels)) so "
    "the step is the average over the batch.",
)
DELTA_DIVIDED_BY_ENTRIES = Mistake(
    "delta divided by every entry",
    "Divide by the number of images (len(labels)), not by images × outputs (labels.size).",
)
DELTA_DIVIDED_TWICE = Mistake(
    "delta divided by the batch size twice",
    "The book divides by batch_size * layer_2.shape[0], the batch size squared. Divide once, by len(labels).",
)
DROPOUT_MASK_INVERTED = Mistake(
    "dropout mask inverted",
    "A 1 in the mask keeps a unit and a 0 switches it off: multiply by the mask, not by 1 − mask.",
)
DROPOUT_NOT_SCALED = Mistake(
    "dropout mask not scaled",
    "About half the units are switched off, so the survivors are doubled (× 2): the next layer then receives as much "
    "signal, on average, as at test time, when nothing is dropped.",
)
DROPOUT_NOT_ON_DELTA = Mistake(
    "dropout mask not applied to the delta",
    "A dropped unit passed nothing forward, so it takes no blame: pass the hidden layer's delta through the same "
    "dropout (mask and × 2) as the forward pass.",
)
DROPOUT_DELTA_NOT_DOUBLED = Mistake(
    "delta masked but not doubled",
    "The forward pass doubled each kept unit, so a change of that unit moves the next layer twice as much: its delta "
    "is doubled too (mask × 2).",
)
UPDATED_FROM_UNDROPPED = Mistake(
    "weights_1_2 updated from the layer before dropout",
    "layer_2 was computed from the dropped-out layer_1, so weights_1_2 moves by dropped.T.dot(layer_2_delta).",
)
DERIVATIVE_OF_DROPPED_LAYER = Mistake(
    "tanh′ of the dropped-out layer",
    "tanh2deriv needs tanh's own output, before dropout doubled it: 1 − (2·tanh)² is not tanh's slope.",
)
BOOK_BACKWARD = Mistake(
    "the book's backward step",
    "The book takes tanh2deriv of the dropped-out, doubled layer and multiplies the delta by the mask without × 2. "
    "Take tanh2deriv of tanh's own output, then apply the same dropout as the forward pass.",
)

# Knit's own words in a survey built from its templates, as the code writes
# them in English (a test keeps the two the same). Translated, they need no
# work from HR.

template-introduction = We are mapping how work really gets done here: who people turn to for information, help and ideas. The results show where collaboration works well, where people are overloaded, and how we can help new colleagues find their way faster.
template-information = Whom do you turn to for information or help to get your work done?
template-expertise = Whose expertise do you know well enough to ask them?
template-access = Whom do you need more access to than you have today?
template-energy = How do you usually feel after interacting with these people?
template-decision = Whom do you go to before making a key decision?
template-innovation = Whom do you go to to test a new idea?
scale-frequency = How often?
scale-frequency-1 = Less than monthly
scale-frequency-2 = Monthly
scale-frequency-3 = Weekly
scale-frequency-4 = Several times a week
scale-frequency-5 = Daily
scale-importance = How important to your work?
scale-importance-1 = Not important
scale-importance-2 = Slightly
scale-importance-3 = Moderately
scale-importance-4 = Very
scale-importance-5 = Essential
scale-energy = How do you usually feel after interacting?
scale-energy-1 = Very de-energized
scale-energy-2 = De-energized
scale-energy-3 = Neutral
scale-energy-4 = Energized
scale-energy-5 = Very energized

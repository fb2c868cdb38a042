const segment = encodeURIComponent;

/** Every address of one quiz, for its pages and the autosave island. */
export function quizPaths(courseKey: string, runCode: string, blockKey: string) {
  const run = `/learn/${segment(courseKey)}/${segment(runCode)}`;
  const quiz = `${run}/quizzes/${segment(blockKey)}`;
  const api = `/api/v1/courses/${segment(courseKey)}/runs/${segment(runCode)}/quizzes/${segment(blockKey)}/attempts`;
  return {
    outline: run,
    unit: (unitKey: string) => `${run}/units/${segment(unitKey)}`,
    quiz,
    start: `${quiz}/start`,
    save: `${quiz}/save`,
    submit: `${quiz}/submit`,
    attempt: (attemptId: string) => `${quiz}/attempts/${segment(attemptId)}`,
    saveApi: (attemptId: string) => `${api}/${segment(attemptId)}/answers`,
  };
}

export type QuizPaths = ReturnType<typeof quizPaths>;

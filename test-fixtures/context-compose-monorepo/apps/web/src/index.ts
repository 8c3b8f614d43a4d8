export const main = () => "ok";

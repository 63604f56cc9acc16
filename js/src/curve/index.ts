import "./curve.css";
export default { render() {} };

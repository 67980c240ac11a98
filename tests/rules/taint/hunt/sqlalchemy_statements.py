"""SQLAlchemy statements built from expressions bind their values as parameters; SQL text
(`text(...)` with the input in it) does not."""

from flask import Flask, request
from sqlalchemy import Column, Integer, String, select, text, update
from sqlalchemy.orm import Session, declarative_base

app = Flask(__name__)
Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)


@app.route("/users")
def users():
    name = request.args["name"]
    with Session() as session:
        # safe: CWE-89
        rows = session.execute(select(User).where(User.name == name).order_by(User.id)).all()
        query = select(User.id).where(User.name.like(f"%{name}%")).limit(10)
        # safe: CWE-89
        session.execute(query)
        # safe: CWE-89
        session.execute(update(User).where(User.id == request.args["id"]).values(name=name))
        # expect: PY-TAINT-SQLI
        session.execute(text("SELECT id FROM users WHERE name = '" + name + "'"))
        # safe: CWE-89
        session.execute(text("SELECT id FROM users WHERE name = :name"), {"name": name})
    return {"n": len(rows)}
